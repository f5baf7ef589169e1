# Xtensa guest programs (included from tests/guest/CMakeLists.txt).
#
# Debian has no Linux Xtensa toolchain, so the programs are built with the bare-metal
# xtensa-lx106-elf-gcc (call0 ABI, the ESP8266 core) and picolibc, on the small Linux runtime of
# tests/guest/xtensa/rt (start-up code, stdio and sbrk on Linux system calls, the integer
# routines the lx106 libgcc lacks, a linker script placing text at 0x00400000).
#
#   * the portable programs of tests/guest/arm/ (those without assembly and floating point)
#     run under ferry-xtensa -cpu lx106, with both backends: guest/<prog>-xtensa/{x86,interp};
#   * window.c and loops.c test the windowed registers and the zero-overhead loops with
#     hand-encoded instructions (xtensa_asm.h) on the default dc233c core, also with one
#     instruction per block;
#   * diff/qemu-xtensa and diff/qemu-xtensa-dc233c compare every program's output and status
#     with qemu-xtensa on the same core (QEMU_CPU / FERRY_CPU).
# Every program is little-endian (the toolchain has no big-endian configuration); the
# big-endian guest is covered by the differential fuzzer (tests/diff/xtensa-fuzz.py).

set(GUEST_XT_PROGRAMS hello arith64 divide strings qsort recursion malloc bits64)
set(GUEST_XT_DC_PROGRAMS window loops)
set(GUEST_XT_TIMEOUT_x86 120)
set(GUEST_XT_TIMEOUT_interp 400)

find_program(FERRY_XTENSA_CC xtensa-lx106-elf-gcc)
set(GUEST_XT_SPECS /usr/lib/xtensa-lx106-elf/picolibc.specs)
if(NOT FERRY_XTENSA_CC OR NOT EXISTS ${GUEST_XT_SPECS})
  message(STATUS "xtensa-lx106-elf-gcc or picolibc not found: Xtensa guest tests are skipped "
                 "(scripts/setup installs gcc-xtensa-lx106 and picolibc-xtensa-lx106-elf)")
  return()
endif()

set(GUEST_XT_RT ${CMAKE_CURRENT_SOURCE_DIR}/xtensa/rt)
set(GUEST_XT_CFLAGS --specs=${GUEST_XT_SPECS} -nostartfiles -O2 -Wall -mlongcalls
                    -mtext-section-literals -I${GUEST_XT_RT}/include -T ${GUEST_XT_RT}/xt.ld)
set(GUEST_XT_RT_SOURCES ${GUEST_XT_RT}/crt0.S ${GUEST_XT_RT}/runtime.c)
set(ferry_xt $<TARGET_FILE_DIR:ferry>/ferry-xtensa)

set(xt_binaries)
foreach(group lx106 dc233c)
  if(group STREQUAL "lx106")
    set(dir ${CMAKE_BINARY_DIR}/tests/guest/xtensa)
    set(progs ${GUEST_XT_PROGRAMS})
  else()
    set(dir ${CMAKE_BINARY_DIR}/tests/guest/xtensa-dc233c)
    set(progs ${GUEST_XT_DC_PROGRAMS})
  endif()
  file(MAKE_DIRECTORY ${dir})
  foreach(prog ${progs})
    if(group STREQUAL "lx106")
      set(src ${CMAKE_CURRENT_SOURCE_DIR}/arm/${prog}.c)
    else()
      set(src ${CMAKE_CURRENT_SOURCE_DIR}/xtensa/${prog}.c)
    endif()
    set(bin ${dir}/${prog})
    add_custom_command(
      OUTPUT ${bin}
      COMMAND ${FERRY_XTENSA_CC} ${GUEST_XT_CFLAGS} -o ${bin} ${GUEST_XT_RT_SOURCES} ${src}
              -lc -lgcc
      DEPENDS ${src} ${GUEST_XT_RT_SOURCES} ${GUEST_XT_RT}/xt.ld
              ${CMAKE_CURRENT_SOURCE_DIR}/arm/check.h ${CMAKE_CURRENT_SOURCE_DIR}/xtensa/xtensa_asm.h
      COMMENT "Cross-compiling Xtensa guest ${prog}"
      VERBATIM)
    list(APPEND xt_binaries ${bin})
    foreach(backend x86 interp)
      set(name guest/${prog}-xtensa/${backend})
      set(backend_opts -cpu ${group})
      if(backend STREQUAL "interp")
        list(APPEND backend_opts -backend interp)
      endif()
      if(prog STREQUAL "hello")
        add_test(NAME ${name}
          COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/run-expect.sh
                  -m "^Hello, world!$" -m "^argc=3$" -m "^argv\\[2\\]=two words$"
                  -m "^FERRY_TEST_ENV=from ctest$" -m "^hello: all [0-9]+ checks passed$"
                  -- ${ferry_xt} ${backend_opts} ${bin} alpha "two words")
      else()
        add_test(NAME ${name} COMMAND ${ferry_xt} ${backend_opts} ${bin})
      endif()
      set_tests_properties(${name} PROPERTIES
        TIMEOUT ${GUEST_XT_TIMEOUT_${backend}}
        LABELS "guest;${backend};xtensa"
        ENVIRONMENT "FERRY_TEST_ENV=from ctest;FERRY_VERIFY=1")
    endforeach()
  endforeach()

  add_test(NAME diff/qemu-xtensa-${group}
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/diff/run-diff.sh --ferry ${ferry_xt}
            --qemu qemu-xtensa ${dir})
  set_tests_properties(diff/qemu-xtensa-${group} PROPERTIES
    TIMEOUT 600 LABELS "diff;xtensa"
    ENVIRONMENT "FERRY_TEST_ENV=from ctest;QEMU_CPU=${group};FERRY_CPU=${group}")
endforeach()

# One guest instruction per block: every loop end and window rotation at a block boundary.
foreach(prog ${GUEST_XT_DC_PROGRAMS})
  add_test(NAME guest/${prog}-xtensa/one-insn-per-tb
    COMMAND ${ferry_xt} -one-insn-per-tb ${CMAKE_BINARY_DIR}/tests/guest/xtensa-dc233c/${prog})
  set_tests_properties(guest/${prog}-xtensa/one-insn-per-tb PROPERTIES TIMEOUT 120
    LABELS "guest;x86;xtensa" ENVIRONMENT "FERRY_VERIFY=1")
endforeach()
# The call0 programs on the windowed core too (the Linux default).
add_test(NAME guest/strings-xtensa/dc233c
  COMMAND ${ferry_xt} ${CMAKE_BINARY_DIR}/tests/guest/xtensa/strings)
set_tests_properties(guest/strings-xtensa/dc233c PROPERTIES TIMEOUT 120
  LABELS "guest;x86;xtensa" ENVIRONMENT "FERRY_VERIFY=1")

# Traps: the exit status is 128 + the host number of the signal Linux sends (traps.c; kept out
# of the qemu comparison, whose BREAK does not end in SIGTRAP).
set(bin ${CMAKE_BINARY_DIR}/tests/guest/xtensa-traps)
set(src ${CMAKE_CURRENT_SOURCE_DIR}/xtensa/traps.c)
add_custom_command(
  OUTPUT ${bin}
  COMMAND ${FERRY_XTENSA_CC} ${GUEST_XT_CFLAGS} -o ${bin} ${GUEST_XT_RT_SOURCES} ${src} -lc -lgcc
  DEPENDS ${src} ${GUEST_XT_RT_SOURCES} ${GUEST_XT_RT}/xt.ld
  COMMENT "Cross-compiling Xtensa guest traps"
  VERBATIM)
list(APPEND xt_binaries ${bin})
foreach(kind "unaligned;135" "div0;136" "ill;132" "break;133" "priv;132")
  list(GET kind 0 what)
  list(GET kind 1 status)
  foreach(backend x86 interp)
    set(name guest/traps-${what}-xtensa/${backend})
    set(backend_opts)
    if(backend STREQUAL "interp")
      set(backend_opts -backend interp)
    endif()
    add_test(NAME ${name}
      COMMAND bash -c "\"$0\" \"$@\" 2>/dev/null; s=$?; [ $s -eq ${status} ] || { echo \"exit status $s, want ${status}\"; exit 1; }"
              ${ferry_xt} ${backend_opts} ${bin} ${what})
    set_tests_properties(${name} PROPERTIES TIMEOUT 60 LABELS "guest;${backend};xtensa")
  endforeach()
endforeach()

add_custom_target(guest-xtensa ALL DEPENDS ${xt_binaries})

# Differential random-instruction testing against qemu-xtensa/qemu-xtensaeb
# (tests/diff/xtensa-fuzz.py): a short fixed-seed campaign on every core, both byte orders
# (about 20,000 random instruction groups). The script skips a core whose qemu is missing.
find_program(FERRY_PYTHON3 python3)
if(FERRY_PYTHON3)
  add_test(NAME diff/xtensa-fuzz-short
    COMMAND ${FERRY_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/diff/xtensa-fuzz.py
            --ferry $<TARGET_FILE:ferry> --seed 1 --binaries 1 --sequences 60)
  set_tests_properties(diff/xtensa-fuzz-short PROPERTIES TIMEOUT 300 LABELS "diff;xtensa")
endif()
