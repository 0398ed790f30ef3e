# System dependencies. Each stops the configure step with the Debian package to install,
# because a missing library should never surface as an obscure compiler error.
find_package(PkgConfig QUIET)

find_package(ICU 60 COMPONENTS uc i18n QUIET)
if(NOT ICU_FOUND)
  message(FATAL_ERROR
    "sokhan needs ICU (uc, i18n) development files. On Debian/Ubuntu: apt-get install libicu-dev")
endif()

# utf8proc ships a pkg-config file on Debian, and a CMake config file when built from source.
find_package(utf8proc CONFIG QUIET)
if(TARGET utf8proc::utf8proc)
  set(SOKHAN_UTF8PROC_TARGET utf8proc::utf8proc)
elseif(PkgConfig_FOUND)
  pkg_check_modules(UTF8PROC QUIET IMPORTED_TARGET libutf8proc)
  if(UTF8PROC_FOUND)
    set(SOKHAN_UTF8PROC_TARGET PkgConfig::UTF8PROC)
  endif()
endif()
if(NOT SOKHAN_UTF8PROC_TARGET)
  find_path(UTF8PROC_INCLUDE_DIR utf8proc.h)
  find_library(UTF8PROC_LIBRARY NAMES utf8proc)
  if(UTF8PROC_INCLUDE_DIR AND UTF8PROC_LIBRARY)
    add_library(sokhan_utf8proc INTERFACE)
    target_include_directories(sokhan_utf8proc INTERFACE ${UTF8PROC_INCLUDE_DIR})
    target_link_libraries(sokhan_utf8proc INTERFACE ${UTF8PROC_LIBRARY})
    set(SOKHAN_UTF8PROC_TARGET sokhan_utf8proc)
  else()
    message(FATAL_ERROR
      "sokhan needs utf8proc development files. On Debian/Ubuntu: apt-get install libutf8proc-dev")
  endif()
endif()

find_package(Threads REQUIRED)

if(SOKHAN_BUILD_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    message(FATAL_ERROR
      "SOKHAN_BUILD_TESTS needs GoogleTest. On Debian/Ubuntu: apt-get install libgtest-dev "
      "(or configure with -DSOKHAN_BUILD_TESTS=OFF)")
  endif()
endif()

if(SOKHAN_BUILD_BENCHMARKS)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    message(FATAL_ERROR
      "SOKHAN_BUILD_BENCHMARKS needs Google Benchmark. On Debian/Ubuntu: apt-get install libbenchmark-dev")
  endif()
endif()
