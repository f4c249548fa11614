%% Exercise: transcribe DNA to RNA.
-module(rna).
-export([to_rna/1]).
-include_lib("eunit/include/eunit.hrl").
to_rna(Dna) -> [complement(N) || N <- Dna].
complement($G) -> $C;
complement($C) -> $G;
complement($T) -> $A;
complement($A) -> $U.
strand_test() -> ?assertEqual("UGCACCAGAAUU", to_rna("ACGTGGTCTTAA")).
empty_test() -> ?assertEqual("", to_rna("")).
invalid_test() -> ?assertError(function_clause, to_rna("AXG")).
