%% Floods a process that never receives with messages until memory runs out.
-module(mailbox_flood).
-export([main/0]).
main() ->
    Sink = spawn(fun() -> receive never -> ok end end),
    flood(Sink, 0).
flood(Sink, N) ->
    Sink ! {message, N, [N, N, N]},
    flood(Sink, N + 1).
