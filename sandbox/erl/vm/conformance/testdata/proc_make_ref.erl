-module(proc_make_ref).
-export([main/0]).
%% make_ref gives unique references.

main() ->
    Refs = [make_ref() || _ <- lists:seq(1, 100)],
    {length(lists:usort(Refs)), is_reference(hd(Refs)), hd(Refs) =:= hd(Refs)}.
