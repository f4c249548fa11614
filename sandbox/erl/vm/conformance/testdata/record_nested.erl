-module(record_nested).
-export([main/0]).
%% Records inside records, with nested field access and update.
-record(inner, {v = 0}).
-record(outer, {name, inner = #inner{}}).
main() ->
    O = #outer{name = o},
    O2 = O#outer{inner = (O#outer.inner)#inner{v = 5}},
    {O, O2, (O2#outer.inner)#inner.v, O2#outer.inner#inner.v}.
