# MIPS guest programs (included from tests/guest/CMakeLists.txt).
#
# The portable ARM guest programs (tests/guest/arm/*.c: those without ARM instructions) and the
# MIPS-specific ones (tests/guest/mips/*.c) are cross-compiled with mips-linux-gnu-gcc (big-endian,
# variant "mips") and mipsel-linux-gnu-gcc (little-endian, "mipsel"), static, -O2, into
# ${CMAKE_BINARY_DIR}/tests/guest/<variant>/<prog>. Each runs under ferry-<variant> with both
# backends:
#   guest/<prog>-<variant>/x86, guest/<prog>-<variant>/interp
# and every variant's directory is compared with qemu-<variant> (diff/qemu-<variant>).
# Traps (BREAK, TEQ, ADD overflow) must kill the program with the signal Linux sends.

set(GUEST_MIPS_PROGRAMS hello arith64 divide strings printf qsort recursion setjmp malloc
                        bits64 bigstack cxx isa fpu fpu64)
set(GUEST_MIPS_SOURCE_DIR_isa mips)
set(GUEST_MIPS_SOURCE_DIR_fpu mips)
set(GUEST_MIPS_LIBS_fpu -lm)
# fpu64 is fpu.c for the 64-bit FPU register model (FR=1, chosen by the program's FP ABI)
set(GUEST_MIPS_SOURCE_DIR_fpu64 mips)
set(GUEST_MIPS_SOURCE_fpu64 fpu)
set(GUEST_MIPS_FLAGS_fpu64 -mfp64)
set(GUEST_MIPS_LIBS_fpu64 -lm)
set(GUEST_MIPS_EXT_cxx cpp)
set(GUEST_MIPS_TIMEOUT_x86 120)
set(GUEST_MIPS_TIMEOUT_interp 400)

foreach(variant mips mipsel)
  set(triple ${variant}-linux-gnu)
  find_program(FERRY_${variant}_CC ${triple}-gcc)
  find_program(FERRY_${variant}_CXX ${triple}-g++)
  if(NOT FERRY_${variant}_CC)
    message(STATUS "${triple}-gcc not found: ${variant} guest tests are skipped")
    continue()
  endif()
  set(dir ${CMAKE_BINARY_DIR}/tests/guest/${variant})
  file(MAKE_DIRECTORY ${dir})
  set(ferry $<TARGET_FILE_DIR:ferry>/ferry-${variant})
  set(binaries)
  foreach(prog ${GUEST_MIPS_PROGRAMS})
    set(srcdir arm)
    if(DEFINED GUEST_MIPS_SOURCE_DIR_${prog})
      set(srcdir ${GUEST_MIPS_SOURCE_DIR_${prog}})
    endif()
    set(ext c)
    set(cc ${FERRY_${variant}_CC})
    if(DEFINED GUEST_MIPS_EXT_${prog})
      set(ext ${GUEST_MIPS_EXT_${prog}})
      set(cc ${FERRY_${variant}_CXX})
      if(NOT cc)
        message(STATUS "${triple}-g++ not found: ${prog}-${variant} is skipped")
        continue()
      endif()
    endif()
    set(source ${prog})
    if(DEFINED GUEST_MIPS_SOURCE_${prog})
      set(source ${GUEST_MIPS_SOURCE_${prog}})
    endif()
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/${srcdir}/${source}.${ext})
    set(bin ${dir}/${prog})
    add_custom_command(
      OUTPUT ${bin}
      COMMAND ${cc} -static -O2 -Wall ${GUEST_MIPS_FLAGS_${prog}} -o ${bin} ${src}
              ${GUEST_MIPS_LIBS_${prog}}
      DEPENDS ${src} ${CMAKE_CURRENT_SOURCE_DIR}/arm/check.h
      COMMENT "Cross-compiling ${variant} guest ${prog}"
      VERBATIM)
    list(APPEND binaries ${bin})
    foreach(backend x86 interp)
      set(name guest/${prog}-${variant}/${backend})
      set(backend_opts)
      if(backend STREQUAL "interp")
        set(backend_opts -backend interp)
      endif()
      if(prog STREQUAL "hello")
        add_test(NAME ${name}
          COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run-expect.sh
                  -m "^Hello, world!$" -m "^argc=3$" -m "^argv\\[2\\]=two words$"
                  -m "^FERRY_TEST_ENV=from ctest$" -m "^hello: all [0-9]+ checks passed$"
                  -- ${ferry} ${backend_opts} ${bin} alpha "two words")
      else()
        add_test(NAME ${name} COMMAND ${ferry} ${backend_opts} ${bin})
      endif()
      set_tests_properties(${name} PROPERTIES
        TIMEOUT ${GUEST_MIPS_TIMEOUT_${backend}}
        LABELS "guest;${backend};mips"
        ENVIRONMENT "FERRY_TEST_ENV=from ctest;FERRY_VERIFY=1")
    endforeach()
  endforeach()

  # Traps: the exit status is 128 + the host number of the signal Linux sends.
  set(bin ${dir}/traps)
  set(src ${CMAKE_CURRENT_SOURCE_DIR}/mips/traps.c)
  add_custom_command(
    OUTPUT ${bin}
    COMMAND ${FERRY_${variant}_CC} -static -O2 -Wall -o ${bin} ${src}
    DEPENDS ${src}
    COMMENT "Cross-compiling ${variant} guest traps"
    VERBATIM)
  list(APPEND binaries ${bin})
  foreach(kind "break;133" "teq;133" "div0;136" "overflow;136" "tne_code6;136" "ill;132")
    list(GET kind 0 what)
    list(GET kind 1 status)
    foreach(backend x86 interp)
      set(name guest/traps-${what}-${variant}/${backend})
      set(backend_opts)
      if(backend STREQUAL "interp")
        set(backend_opts -backend interp)
      endif()
      add_test(NAME ${name}
        COMMAND bash -c "\"$0\" \"$@\" 2>/dev/null; s=$?; [ $s -eq ${status} ] || { echo \"exit status $s, want ${status}\"; exit 1; }"
                ${ferry} ${backend_opts} ${bin} ${what})
      set_tests_properties(${name} PROPERTIES TIMEOUT 60 LABELS "guest;${backend};mips")
    endforeach()
  endforeach()

  # One guest instruction per block (a branch and its slot still form one), and a 64 KiB code
  # buffer that fills up and is flushed several times during the run.
  foreach(prog isa fpu)
    add_test(NAME guest/${prog}-${variant}/one-insn-per-tb
      COMMAND ${ferry} -one-insn-per-tb ${dir}/${prog})
    set_tests_properties(guest/${prog}-${variant}/one-insn-per-tb PROPERTIES TIMEOUT 120
      LABELS "guest;x86;mips" ENVIRONMENT "FERRY_VERIFY=1")
  endforeach()
  add_test(NAME guest/printf-${variant}/flush COMMAND ${ferry} -tb-size 64k ${dir}/printf)
  set_tests_properties(guest/printf-${variant}/flush PROPERTIES TIMEOUT 120
    LABELS "guest;x86;mips" ENVIRONMENT "FERRY_VERIFY=1")

  add_custom_target(guest-${variant} ALL DEPENDS ${binaries})

  # Every program under ferry and under qemu: same stdout, same exit status.
  add_test(NAME diff/qemu-${variant}
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/diff/run-diff.sh --ferry ${ferry}
            --qemu qemu-${variant} ${dir})
  set_tests_properties(diff/qemu-${variant} PROPERTIES
    TIMEOUT 600 LABELS "diff;mips" ENVIRONMENT "FERRY_TEST_ENV=from ctest")
endforeach()
