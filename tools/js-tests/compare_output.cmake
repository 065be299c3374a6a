# ctest helper: runs `WEFT SCRIPT` and compares its stdout with the EXPECTED file byte for byte.
execute_process(COMMAND ${WEFT} ${SCRIPT} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "weft exited with ${status}\nstderr:\n${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "stdout differs from ${EXPECTED}\n--- got ---\n${out}\n--- expected ---\n${expected}")
endif()
