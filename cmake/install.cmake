# install.cmake — `cmake --install` layout: the two programs, their private library, man pages, bash completion, example units.
# Included once from the top-level CMakeLists.txt, after the targets are defined; install(TARGETS)
# names targets of other directories (CMake ≥ 3.13), so the subdirectories need no install rules.
include(GNUInstallDirs)

# libveille is private to the two programs: it goes to lib/veille, not to the linker's search path,
# and the binaries find it through an $ORIGIN-relative RUNPATH, whatever the prefix (/usr,
# /usr/local, a temporary directory, an unpacked .deb).
set(VEILLE_PRIVATE_LIBDIR "lib/veille")
set_target_properties(veille-index veille-search PROPERTIES
  INSTALL_RPATH "$ORIGIN/../${VEILLE_PRIVATE_LIBDIR}")
install(TARGETS veille-index veille-search RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS veille_common LIBRARY DESTINATION ${VEILLE_PRIVATE_LIBDIR} NAMELINK_SKIP)

# Man pages: doc/man/*.scd → build/doc/man/*.1.gz (gzip -9n: compressed as Debian wants, reproducible).
set(VEILLE_MAN_PAGES veille-index.1 veille-search.1)
find_program(VEILLE_SCDOC scdoc)
if(VEILLE_SCDOC)
  set(man_outputs)
  foreach(page IN LISTS VEILLE_MAN_PAGES)
    string(REGEX REPLACE "[.][0-9]$" "" stem "${page}")
    set(out "${PROJECT_BINARY_DIR}/doc/man/${page}")
    add_custom_command(OUTPUT "${out}" "${out}.gz"
      COMMAND ${CMAKE_COMMAND} -DSCDOC=${VEILLE_SCDOC} -DINPUT=${PROJECT_SOURCE_DIR}/doc/man/${stem}.scd
              -DOUTPUT=${out} -P ${PROJECT_SOURCE_DIR}/cmake/scdoc.cmake
      DEPENDS "${PROJECT_SOURCE_DIR}/doc/man/${stem}.scd" "${PROJECT_SOURCE_DIR}/cmake/scdoc.cmake"
      COMMENT "Man page ${page}" VERBATIM)
    list(APPEND man_outputs "${out}" "${out}.gz")
    install(FILES "${out}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
  add_custom_target(veille_man ALL DEPENDS ${man_outputs})
else()
  message(WARNING "scdoc not found (Debian package scdoc): the man pages are neither built nor installed")
endif()

# Bash completion, loaded on demand by bash-completion: the file is named after the command.
foreach(cmd veille-index veille-search)
  install(FILES "${PROJECT_SOURCE_DIR}/doc/completion/${cmd}.bash"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${cmd})
endforeach()

# Example systemd units (README, « Installer »).
install(FILES
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-serve.service"
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-fetch.service"
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-fetch.timer"
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
