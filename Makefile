# otpbox — the two set-up commands are `make run` and `make test`.

GO       ?= go
BIN      := bin/otpbox
# The sandbox's guest module (see the guest target).
GUEST    := sandbox/guestbin/guest.wasm
PREFIX   ?= /usr/local
# Every test package runs with the race detector off by default: the suite
# must stay well under 30 minutes on 2 cores. `make race` runs it with -race.
TESTFLAGS ?=

.PHONY: all build run test race bench install vet fmt clean fuzz guest

all: build

build: $(BIN)

# The binary is always rebuilt by go build, which is itself incremental.
$(BIN): FORCE $(GUEST)
	$(GO) build -trimpath -o $(BIN) ./cmd/otpbox

# The sandbox's guest: the VM compiled to wasm, embedded by package sandbox
# (not committed; see sandbox/guestbin/README.md). It embeds the stdlib's
# compiled image, made first by the native build of the same tree
# (sandbox/guest/image/README.md). Binaryen's wasm-opt then post-optimises
# it when installed (sandbox/guest/wasmopt.sh; without it the guest is
# gc's output, and the build says so). Before that, jumpthread makes the
# forward jumps of gc's dispatch loops direct branches
# (sandbox/guest/internal/jumpthread).
guest: $(GUEST)
$(GUEST): FORCE
	$(GO) run ./sandbox/guest/internal/mkimage -o sandbox/guest/image/stdlib.img
	GOOS=wasip1 GOARCH=wasm $(GO) build -tags otpbox_image -trimpath -o sandbox/guestbin/.guest.go.wasm ./sandbox/guest
	$(GO) run ./sandbox/guest/internal/jumpthread -o sandbox/guestbin/.guest.jt.wasm sandbox/guestbin/.guest.go.wasm
	sandbox/guest/wasmopt.sh sandbox/guestbin/.guest.jt.wasm $(GUEST)

FORCE:

# `make run` starts the platform server on its embedded defaults (SQLite
# under the user data directory, 127.0.0.1:8080).
run: build
	./$(BIN) serve

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# The Node DAP client test's npm packages (@vscode/debugadapter-testsupport),
# installed from the lock file; without npm the test skips (and fails under
# OTPBOX_REQUIRE_ALL=1, which CI sets after installing npm).
NODE_DEPS := dap/testdata/node/node_modules/.package-lock.json

$(NODE_DEPS): dap/testdata/node/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --prefix dap/testdata/node; \
	else \
		echo "npm not found: dap's Node client test will be skipped"; \
	fi

# The VS Code extension's packages (vscode-languageclient, @vscode/vsce) for
# extensions/vscode's test, the same way.
VSCODE_DEPS := extensions/vscode/node_modules/.package-lock.json

$(VSCODE_DEPS): extensions/vscode/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --prefix extensions/vscode; \
	else \
		echo "npm not found: the VS Code extension's test will be skipped"; \
	fi

test: build vet $(NODE_DEPS) $(VSCODE_DEPS)
	$(GO) test $(TESTFLAGS) ./...

race: $(GUEST)
	$(GO) test -race ./...

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	# The VM against real Erlang (skipped with a message when erl is absent).
	sandbox/bench/compare.sh
	# The sandbox in both isolation modes against real Erlang (issue 5's goals).
	sandbox/bench/sandbox.sh
	# The floor under the VM's wasm-to-native ratio (docs/rationale.md).
	sandbox/bench/wasmfloor.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/otpbox

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
