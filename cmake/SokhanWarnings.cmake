# Warnings for our own targets only (never for dependencies).
function(sokhan_target_defaults target)
  # Hidden symbols: calls inside the extension stay direct instead of going through the PLT.
  set_target_properties(${target} PROPERTIES CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
endfunction()

# Sanitizers apply to everything we build (library, tests, extension), so instrumented and
# uninstrumented code never mix.
if(SOKHAN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
