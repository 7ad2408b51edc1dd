# scdoc.cmake — one man page: scdoc INPUT > OUTPUT, then OUTPUT.gz (gzip -9n: no name or time stamp).
# cmake -DSCDOC=… -DINPUT=page.scd -DOUTPUT=page.1 -P scdoc.cmake
get_filename_component(dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
execute_process(COMMAND "${SCDOC}" INPUT_FILE "${INPUT}" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${OUTPUT}")
  message(FATAL_ERROR "scdoc failed on ${INPUT}")
endif()
execute_process(COMMAND gzip -9nkf "${OUTPUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${OUTPUT}")
endif()
