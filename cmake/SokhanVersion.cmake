# The version lives in pyproject.toml only. scikit-build-core hands it to us as
# SKBUILD_PROJECT_VERSION; a plain CMake build (ctest, IDEs) reads the file itself.
set(_SOKHAN_PYPROJECT "${CMAKE_CURRENT_LIST_DIR}/../pyproject.toml")
function(sokhan_read_version out)
  if(DEFINED SKBUILD_PROJECT_VERSION)
    set(${out} "${SKBUILD_PROJECT_VERSION}" PARENT_SCOPE)
    return()
  endif()
  file(STRINGS "${_SOKHAN_PYPROJECT}" lines REGEX "^version *= *\"")
  list(GET lines 0 line)
  string(REGEX REPLACE "^version *= *\"([^\"]+)\".*$" "\\1" version "${line}")
  set(${out} "${version}" PARENT_SCOPE)
endfunction()
