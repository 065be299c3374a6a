# ctest helper: runs `WEFT SCRIPT`, which must exit with status 1 and print every line of the
# EXPECTED file (in order, as a contiguous block) on stderr.
# Run by file name from the script's directory, so reports show "file.js:line:column".
get_filename_component(name ${SCRIPT} NAME)
get_filename_component(directory ${SCRIPT} DIRECTORY)
execute_process(COMMAND ${WEFT} ${name} WORKING_DIRECTORY ${directory} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "expected exit status 1, got ${status}\nstderr:\n${err}")
endif()
string(FIND "${err}" "${expected}" position)
if(position EQUAL -1)
  message(FATAL_ERROR "stderr does not contain the expected text\n--- stderr ---\n${err}\n--- expected ---\n${expected}")
endif()
