# install.cmake — `cmake --install` layout: the two programs and their private library.
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
