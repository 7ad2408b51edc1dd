# install.cmake — `cmake --install` layout (programs, private library, man pages, completion,
# example units) and the Debian package (CPack DEB, scripts/package).
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

# Example systemd units (README, « Installer »), the copyright file and the changelog.
install(FILES
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-serve.service"
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-fetch.service"
  "${PROJECT_SOURCE_DIR}/doc/examples/veille-fetch.timer"
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES "${PROJECT_SOURCE_DIR}/doc/copyright" DESTINATION ${CMAKE_INSTALL_DOCDIR})

# changelog.gz, which Debian wants in every package: one entry with the version from project(); its
# date honours SOURCE_DATE_EPOCH for reproducible packages.
set(VEILLE_MAINTAINER "veille maintainers <maintainers@users.noreply.r-seed-1107415d.example>")
string(TIMESTAMP VEILLE_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file("${PROJECT_SOURCE_DIR}/doc/changelog.in" "${PROJECT_BINARY_DIR}/doc/changelog" @ONLY)
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/doc/changelog.gz"
  COMMAND gzip -9nkf "${PROJECT_BINARY_DIR}/doc/changelog"
  DEPENDS "${PROJECT_BINARY_DIR}/doc/changelog" VERBATIM)
add_custom_target(veille_changelog ALL DEPENDS "${PROJECT_BINARY_DIR}/doc/changelog.gz")
install(FILES "${PROJECT_BINARY_DIR}/doc/changelog.gz" DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package (scripts/package): CPack's DEB generator, so that the package is built from the
# same install rules as `cmake --install` and there is no debian/ tree to keep in step with them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME veille)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "${VEILLE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "French full-text search engine for tech news")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "veille indexes French articles (JSON Lines, text and Markdown, HTML pages,
RSS and Atom feeds) into a Xapian database and searches them with
accent-, case- and inflection-insensitive matching, phrases, proximity and
boolean operators. It extracts companies, publication dates and topics from
the text and shows them as facets.

This package provides veille-index and veille-search, their manual pages,
bash completion and example systemd units.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # veille_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)    # Depends: from the binaries, by dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
