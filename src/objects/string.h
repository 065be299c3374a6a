// PLACEHOLDER: replaced by the strings implementation.
#pragma once
namespace weft {
class String;
void register_string_cell_kinds();
} // namespace weft
