package lsp

import "encoding/json"

// The LSP types this server speaks. They are written here rather than taken
// from go.lsp.dev/protocol because that module (v0.12.0, its latest) is
// written against jsonrpc2 v0.10's Replier API and does not build with the
// jsonrpc2 v1 this module requires; it also predates LSP 3.17, whose
// general.positionEncodings the server negotiates. Only what the server uses
// is declared; field names follow the specification exactly.

// Method names.
const (
	methodInitialize            = "initialize"
	methodInitialized           = "initialized"
	methodShutdown              = "shutdown"
	methodExit                  = "exit"
	methodDidOpen               = "textDocument/didOpen"
	methodDidChange             = "textDocument/didChange"
	methodDidClose              = "textDocument/didClose"
	methodDidSave               = "textDocument/didSave"
	methodDidChangeWatchedFiles = "workspace/didChangeWatchedFiles"
	methodPublishDiagnostics    = "textDocument/publishDiagnostics"
	methodDocumentSymbol        = "textDocument/documentSymbol"
	methodDefinition            = "textDocument/definition"
	methodHover                 = "textDocument/hover"
	methodCompletion            = "textDocument/completion"
	methodCompletionResolve     = "completionItem/resolve"
	methodFoldingRange          = "textDocument/foldingRange"
	methodReferences            = "textDocument/references"
	methodDocumentHighlight     = "textDocument/documentHighlight"
	methodPrepareRename         = "textDocument/prepareRename"
	methodRename                = "textDocument/rename"
	methodCodeAction            = "textDocument/codeAction"
	methodSignatureHelp         = "textDocument/signatureHelp"
	methodWorkspaceSymbol       = "workspace/symbol"
	methodCodeLens              = "textDocument/codeLens"
	methodExecuteCommand        = "workspace/executeCommand"
	methodSemanticTokensFull    = "textDocument/semanticTokens/full"
	methodSemanticTokensRange   = "textDocument/semanticTokens/range"
)

// Position encodings (LSP 3.17 PositionEncodingKind).
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
	encUTF32 = "utf-32"
)

// Position is a zero-based line and a character offset counted in the
// negotiated encoding's code units.
type Position struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// Range is a half-open span between two positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// TextDocumentItem is a document as didOpen sends it.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int32  `json:"version"`
	Text       string `json:"text"`
}

// TextDocumentPositionParams is a position in a document, the common part of
// most requests.
type TextDocumentPositionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// InitializeParams holds what the server reads of the initialize request.
type InitializeParams struct {
	ProcessID        *int32             `json:"processId"`
	RootURI          string             `json:"rootUri,omitempty"`
	RootPath         string             `json:"rootPath,omitempty"`
	WorkspaceFolders []WorkspaceFolder  `json:"workspaceFolders,omitempty"`
	Capabilities     ClientCapabilities `json:"capabilities"`
	// InitializationOptions holds the client's settings (Settings).
	InitializationOptions json.RawMessage `json:"initializationOptions,omitempty"`
}

// WorkspaceFolder is one root folder of the workspace.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// ClientCapabilities holds the client capabilities the server looks at.
type ClientCapabilities struct {
	General *struct {
		PositionEncodings []string `json:"positionEncodings,omitempty"`
	} `json:"general,omitempty"`
	TextDocument *struct {
		Completion *struct {
			CompletionItem *struct {
				SnippetSupport bool `json:"snippetSupport,omitempty"`
			} `json:"completionItem,omitempty"`
		} `json:"completion,omitempty"`
	} `json:"textDocument,omitempty"`
}

// InitializeResult is the server's answer to initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   *ServerInfo        `json:"serverInfo,omitempty"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerCapabilities lists what the server implements. Only implemented
// features are set: a client shows menu entries for what is advertised.
type ServerCapabilities struct {
	PositionEncoding          string                   `json:"positionEncoding,omitempty"`
	TextDocumentSync          *TextDocumentSyncOptions `json:"textDocumentSync,omitempty"`
	DocumentSymbolProvider    bool                     `json:"documentSymbolProvider,omitempty"`
	DefinitionProvider        bool                     `json:"definitionProvider,omitempty"`
	HoverProvider             bool                     `json:"hoverProvider,omitempty"`
	CompletionProvider        *CompletionOptions       `json:"completionProvider,omitempty"`
	FoldingRangeProvider      bool                     `json:"foldingRangeProvider,omitempty"`
	ReferencesProvider        bool                     `json:"referencesProvider,omitempty"`
	DocumentHighlightProvider bool                     `json:"documentHighlightProvider,omitempty"`
	RenameProvider            *RenameOptions           `json:"renameProvider,omitempty"`
	CodeActionProvider        bool                     `json:"codeActionProvider,omitempty"`
	SignatureHelpProvider     *SignatureHelpOptions    `json:"signatureHelpProvider,omitempty"`
	WorkspaceSymbolProvider   bool                     `json:"workspaceSymbolProvider,omitempty"`
	CodeLensProvider          *CodeLensOptions         `json:"codeLensProvider,omitempty"`
	ExecuteCommandProvider    *ExecuteCommandOptions   `json:"executeCommandProvider,omitempty"`
	SemanticTokensProvider    *SemanticTokensOptions   `json:"semanticTokensProvider,omitempty"`
}

// TextDocumentSyncOptions says how documents are synchronised.
type TextDocumentSyncOptions struct {
	OpenClose bool         `json:"openClose"`
	Change    int          `json:"change"` // 1 full, 2 incremental
	Save      *SaveOptions `json:"save,omitempty"`
}

// SaveOptions asks for didSave notifications.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// Text document synchronisation kinds.
const (
	syncFull        = 1
	syncIncremental = 2
)

// DidOpenTextDocumentParams is didOpen's payload.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// VersionedTextDocumentIdentifier names a document at a version.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

// TextDocumentContentChangeEvent is one change: a range replacement, or the
// whole text when Range is nil.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidChangeTextDocumentParams is didChange's payload.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// DidCloseTextDocumentParams is didClose's payload.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DidSaveTextDocumentParams is didSave's payload.
type DidSaveTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

// FileEvent is one watched-file change.
type FileEvent struct {
	URI  string `json:"uri"`
	Type int    `json:"type"` // 1 created, 2 changed, 3 deleted
}

// File change types.
const (
	fileCreated = 1
	fileChanged = 2
	fileDeleted = 3
)

// DidChangeWatchedFilesParams is workspace/didChangeWatchedFiles's payload.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// Diagnostic is one problem shown in the editor.
type Diagnostic struct {
	Range    Range  `json:"range"`
	Severity int    `json:"severity,omitempty"` // 1 error, 2 warning
	Code     string `json:"code,omitempty"`
	// CodeDescription links an OTP hint to its page (lsp/hints.go).
	CodeDescription *CodeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source,omitempty"`
	Message         string           `json:"message"`
}

// PublishDiagnosticsParams is the payload of textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// DocumentSymbolParams names the document to outline.
type DocumentSymbolParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DocumentSymbol is one entry of a hierarchical outline.
type DocumentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail,omitempty"`
	Kind           int              `json:"kind"`
	Range          Range            `json:"range"`
	SelectionRange Range            `json:"selectionRange"`
	Children       []DocumentSymbol `json:"children,omitempty"`
}

// Symbol kinds used for Erlang constructs.
const (
	symModule   = 2
	symField    = 8
	symFunction = 12
	symConstant = 14
	symStruct   = 23
	symTypeParm = 26
)

// symbolKindNames names the kinds, for tests and logs.
var symbolKindNames = map[int]string{
	symModule: "Module", symField: "Field", symFunction: "Function",
	symConstant: "Constant", symStruct: "Struct", symTypeParm: "TypeParameter",
}

// Hover is the answer to textDocument/hover.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// MarkupContent is markdown or plain text.
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// CompletionOptions lists the characters that trigger completion.
type CompletionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters,omitempty"`
	ResolveProvider   bool     `json:"resolveProvider,omitempty"`
}

// CompletionList is the answer to textDocument/completion.
type CompletionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []CompletionItem `json:"items"`
}

// CompletionItem is one proposal.
type CompletionItem struct {
	Label            string         `json:"label"`
	Kind             int            `json:"kind,omitempty"`
	Detail           string         `json:"detail,omitempty"`
	Documentation    *MarkupContent `json:"documentation,omitempty"`
	FilterText       string         `json:"filterText,omitempty"`
	InsertText       string         `json:"insertText,omitempty"`
	InsertTextFormat int            `json:"insertTextFormat,omitempty"` // 1 plain, 2 snippet
	// Data is a CompletionData for completionItem/resolve.
	Data json.RawMessage `json:"data,omitempty"`
}

// Completion item kinds.
const (
	compFunction = 3
	compVariable = 6
	compModule   = 9
	compKeyword  = 14
	compSnippet  = 15
	compAtom     = 20 // EnumMember, as semantic tokens colour atoms
	compConstant = 21
	compStruct   = 22
)

// FoldingRangeParams names the document to fold.
type FoldingRangeParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// FoldingRange is a foldable range of whole lines.
type FoldingRange struct {
	StartLine uint32 `json:"startLine"`
	EndLine   uint32 `json:"endLine"`
	Kind      string `json:"kind,omitempty"`
}

// RenameOptions says the server answers prepareRename.
type RenameOptions struct {
	PrepareProvider bool `json:"prepareProvider"`
}

// CodeLensOptions advertises code lenses (resolved eagerly).
type CodeLensOptions struct {
	ResolveProvider bool `json:"resolveProvider"`
}
