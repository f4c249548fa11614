package server

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkGetMe measures GET /api/v1/me over loopback with keep-alive
// connections, the token check included (a SHA-256 and an indexed
// lookup per request), on the default SQLite store.
func BenchmarkGetMe(b *testing.B) {
	e := newEnv(b, dbURLs()["sqlite"](b))
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest("GET", e.base+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+adminToken)
		for pb.Next() {
			resp, err := c.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
