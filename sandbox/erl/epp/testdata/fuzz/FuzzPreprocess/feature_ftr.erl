go test fuzz v1
string("-module(ftr).\n-feature(maybe_expr, enable).\n-export([f/1]).\nf(X) ->\n    maybe\n        {ok, Y} ?= X,\n        Y\n    else\n        _ -> error\n    end.\ng() -> 'maybe'.\n-if(?FEATURE_ENABLED(maybe_expr)).\nh() -> enabled.\n-endif.")
