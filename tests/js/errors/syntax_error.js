// A SyntaxError is reported with file:line:column, the source line and a caret.
let ok = 1;
let broken = ;
