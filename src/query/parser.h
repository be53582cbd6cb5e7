// Private to the query stage: the recursive-descent parser from tokens to a Script. It reads the whole
// script before returning, so a syntax error anywhere stops everything; errors are ParseError with
// "FILE:LINE:COL: error: <what>, expected <what>", the source line and a caret. Stateless and thread-safe.
#ifndef AG_QUERY_PARSER_H_
#define AG_QUERY_PARSER_H_

#include "actorgraph/status.h"
#include "query/ast.h"
#include "query/lexer.h"

namespace ag::query {

Result<Script> Parse(const SourceText& source);

}  // namespace ag::query

#endif  // AG_QUERY_PARSER_H_
