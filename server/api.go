package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/otpbox/otpbox/server/store"
)

// apiError is an error with the HTTP status it maps to. Handlers return
// one; the error body is always {"error": message}.
type apiError struct {
	status int
	msg    string
}

// Error returns the message sent to the client.
func (e *apiError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

// writeJSON writes v with status. Encoding errors cannot happen for the
// API's own types, and a failed write means the client is gone.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// decodeBody reads r's JSON body into v strictly: at most maxBody bytes,
// no unknown fields, no trailing data, and errors that say which field
// and what was wrong.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, s.cfg.MaxBody)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return jsonError(err, s.cfg.MaxBody)
		}
		return errorf(http.StatusBadRequest, "request body: unexpected data after the JSON object")
	}
	return nil
}

// jsonError turns a decoding error into a 400 or 413 with a message a
// client developer can act on.
func jsonError(err error, limit int64) *apiError {
	var (
		mbe *http.MaxBytesError
		se  *json.SyntaxError
		te  *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mbe):
		return errorf(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", limit)
	case errors.As(err, &se):
		return errorf(http.StatusBadRequest, "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		if te.Field == "" {
			return errorf(http.StatusBadRequest, "request body: want a JSON object, got %s", te.Value)
		}
		return errorf(http.StatusBadRequest, "field %q: want %s, got %s", te.Field, te.Type, te.Value)
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "empty request body: want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "malformed JSON: unexpected end of body")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return errorf(http.StatusBadRequest, "unknown field %s", f)
	}
	return errorf(http.StatusBadRequest, "request body: %v", err)
}

// usernameRE keeps usernames safe to put in URLs and logs.
var usernameRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$`)

type userJSON struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Role     string `json:"role"`
	Token    string `json:"token,omitempty"`
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, actor store.User) error {
	var req struct {
		Username *string `json:"username"`
		Role     *string `json:"role"`
	}
	if err := s.decodeBody(w, r, &req); err != nil {
		return err
	}
	switch {
	case req.Username == nil:
		return errorf(http.StatusBadRequest, "field \"username\" is required")
	case !usernameRE.MatchString(*req.Username):
		return errorf(http.StatusBadRequest, "field \"username\": %q is not 1-64 letters, digits, '_', '.' or '-' starting with a letter or digit", *req.Username)
	case req.Role == nil:
		return errorf(http.StatusBadRequest, "field \"role\" is required")
	case !store.Role(*req.Role).Valid():
		return errorf(http.StatusBadRequest, "field \"role\": %q is not student, educator or admin", *req.Role)
	}
	if !s.authorize(r.Context(), actor, ActCreateUser, resource{ID: *req.Username}) {
		return errorf(http.StatusForbidden, "only admins create users")
	}
	token := NewToken()
	u := store.User{ID: store.NewID(), Username: *req.Username, Role: store.Role(*req.Role), Created: time.Now()}
	if err := s.store.CreateUser(r.Context(), u, HashToken(token)); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return errorf(http.StatusConflict, "username %q is taken", u.Username)
		}
		return err
	}
	writeJSON(w, http.StatusCreated, userJSON{ID: u.ID, Username: u.Username, Role: string(u.Role), Token: token})
	return nil
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, actor store.User) error {
	writeJSON(w, http.StatusOK, userJSON{ID: actor.ID, Username: actor.Username, Role: string(actor.Role)})
	return nil
}

// progressEvents are the event kinds a lesson step reports.
var progressEvents = map[string]bool{
	"started": true, "check_passed": true, "check_failed": true, "hint_used": true, "completed": true,
}

type progressJSON struct {
	Lesson string    `json:"lesson"`
	Step   string    `json:"step"`
	Event  string    `json:"event"`
	Detail string    `json:"detail,omitempty"`
	Time   time.Time `json:"time"`
}

func (s *Server) addProgress(w http.ResponseWriter, r *http.Request, actor store.User) error {
	var req struct {
		Lesson *string `json:"lesson"`
		Step   *string `json:"step"`
		Event  *string `json:"event"`
		Detail string  `json:"detail"`
	}
	if err := s.decodeBody(w, r, &req); err != nil {
		return err
	}
	for name, v := range map[string]*string{"lesson": req.Lesson, "step": req.Step, "event": req.Event} {
		if v == nil || *v == "" {
			return errorf(http.StatusBadRequest, "field %q is required", name)
		}
	}
	if !progressEvents[*req.Event] {
		return errorf(http.StatusBadRequest, "field \"event\": %q is not one of started, check_passed, check_failed, hint_used, completed", *req.Event)
	}
	if !s.authorize(r.Context(), actor, ActWriteProgress, resource{ID: actor.Username}) {
		return errorf(http.StatusForbidden, "not allowed to record progress")
	}
	e := store.ProgressEvent{UserID: actor.ID, Lesson: *req.Lesson, Step: *req.Step, Event: *req.Event, Detail: req.Detail, Time: time.Now()}
	if err := s.store.AddProgress(r.Context(), e); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, progressJSON{Lesson: e.Lesson, Step: e.Step, Event: e.Event, Detail: e.Detail, Time: e.Time.UTC()})
	return nil
}

func (s *Server) userProgress(w http.ResponseWriter, r *http.Request, actor store.User) error {
	name := r.PathValue("username")
	// Decide before looking the user up, so that a student cannot probe
	// which usernames exist: only those allowed to read learn "404".
	target := ""
	u, err := s.store.UserByName(r.Context(), name)
	switch {
	case err == nil:
		target = u.ID
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if !s.authorize(r.Context(), actor, ActReadProgress, resource{ID: name, TargetUser: target}) {
		return errorf(http.StatusForbidden, "students see only their own progress")
	}
	if target == "" {
		return errorf(http.StatusNotFound, "no user %q", name)
	}
	evs, err := s.store.Progress(r.Context(), u.ID)
	if err != nil {
		return err
	}
	out := make([]progressJSON, len(evs))
	for i, e := range evs {
		out[i] = progressJSON{Lesson: e.Lesson, Step: e.Step, Event: e.Event, Detail: e.Detail, Time: e.Time.UTC()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out})
	return nil
}

type lessonJSON struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Summary string          `json:"summary,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (s *Server) lessons(w http.ResponseWriter, r *http.Request, actor store.User) error {
	if !s.authorize(r.Context(), actor, ActReadLessons, resource{ID: "catalogue"}) {
		return errorf(http.StatusForbidden, "not allowed to read lessons")
	}
	ls, err := s.store.Lessons(r.Context())
	if err != nil {
		return err
	}
	out := make([]lessonJSON, len(ls))
	for i, l := range ls {
		out[i] = lessonJSON{ID: l.ID, Title: l.Title, Summary: l.Summary}
	}
	writeJSON(w, http.StatusOK, map[string]any{"lessons": out})
	return nil
}

func (s *Server) lesson(w http.ResponseWriter, r *http.Request, actor store.User) error {
	id := r.PathValue("id")
	if !s.authorize(r.Context(), actor, ActReadLessons, resource{ID: id}) {
		return errorf(http.StatusForbidden, "not allowed to read lessons")
	}
	l, err := s.store.Lesson(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(http.StatusNotFound, "no lesson %q", id)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, lessonJSON{ID: l.ID, Title: l.Title, Summary: l.Summary, Data: l.Data})
	return nil
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request, actor store.User) error {
	var req struct {
		Name *string `json:"name"`
	}
	if err := s.decodeBody(w, r, &req); err != nil {
		return err
	}
	if req.Name == nil || strings.TrimSpace(*req.Name) == "" {
		return errorf(http.StatusBadRequest, "field \"name\" is required")
	}
	if len(*req.Name) > 200 {
		return errorf(http.StatusBadRequest, "field \"name\": longer than 200 bytes")
	}
	if !s.authorize(r.Context(), actor, ActCreateSession, resource{ID: *req.Name}) {
		return errorf(http.StatusForbidden, "not allowed to create sessions")
	}
	sess := store.Session{ID: store.NewID(), Name: *req.Name, OwnerID: actor.ID, Created: time.Now()}
	if err := s.store.CreateSession(r.Context(), sess); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": sess.ID})
	return nil
}

// sessionMember loads the session named in the path and the actor's
// membership of it (nil if none): the facts the policy needs.
func (s *Server) sessionMember(r *http.Request, actor store.User) (store.Session, *store.Member, error) {
	id := r.PathValue("id")
	sess, err := s.store.Session(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil, errorf(http.StatusNotFound, "no session %q", id)
	}
	if err != nil {
		return sess, nil, err
	}
	m, err := s.store.Member(r.Context(), id, actor.ID)
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil, nil
	}
	if err != nil {
		return sess, nil, err
	}
	return sess, &m, nil
}

func (s *Server) addMember(w http.ResponseWriter, r *http.Request, actor store.User) error {
	sess, m, err := s.sessionMember(r, actor)
	if err != nil {
		return err
	}
	if !s.authorize(r.Context(), actor, ActAddMember, resource{ID: sess.ID, Member: m}) {
		return errorf(http.StatusForbidden, "only the session's owner adds members")
	}
	var req struct {
		Username *string `json:"username"`
		Role     *string `json:"role"`
	}
	if err := s.decodeBody(w, r, &req); err != nil {
		return err
	}
	switch {
	case req.Username == nil:
		return errorf(http.StatusBadRequest, "field \"username\" is required")
	case req.Role == nil:
		return errorf(http.StatusBadRequest, "field \"role\" is required")
	case *req.Role != string(store.MemberEditor) && *req.Role != string(store.MemberViewer):
		return errorf(http.StatusBadRequest, "field \"role\": %q is not editor or viewer", *req.Role)
	}
	u, err := s.store.UserByName(r.Context(), *req.Username)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(http.StatusNotFound, "no user %q", *req.Username)
	}
	if err != nil {
		return err
	}
	err = s.store.AddMember(r.Context(), store.Member{SessionID: sess.ID, UserID: u.ID, Role: store.MemberRole(*req.Role)})
	if errors.Is(err, store.ErrConflict) {
		return errorf(http.StatusConflict, "%q is already a member of the session", u.Username)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"session": sess.ID, "username": u.Username, "role": *req.Role})
	return nil
}
