# Installation: what `cmake --install build [--prefix P]` puts under the prefix. The layout is fixed (bin/,
# share/): the binary finds its schemas as ../share/tradewire/schemas from its own folder, so the tree works
# wherever it is moved. Included by the top-level CMakeLists.txt; scripts/package makes the .deb from the same
# rules.
set(TRADEWIRE_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/scripts/packaging)

install(TARGETS tradewire RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION share/tradewire/schemas)
install(FILES ${TRADEWIRE_PACKAGING_DIR}/tradewire.bash-completion
        DESTINATION share/bash-completion/completions RENAME tradewire)
install(FILES ${TRADEWIRE_PACKAGING_DIR}/tradewire.toml DESTINATION share/doc/tradewire/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/tradewire)

# tradewire(1), made at build time by help2man from the commands' own --help (help-for-man) and the sections
# help cannot give (tradewire.h2m), so that it never drifts from the binary.
find_program(HELP2MAN help2man REQUIRED)
set(TRADEWIRE_MAN_DIR ${CMAKE_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${TRADEWIRE_MAN_DIR}/tradewire.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TRADEWIRE_MAN_DIR}
  # help2man names the page after the program it runs.
  COMMAND ${CMAKE_COMMAND} -E copy ${TRADEWIRE_PACKAGING_DIR}/help-for-man ${TRADEWIRE_MAN_DIR}/tradewire
  COMMAND ${CMAKE_COMMAND} -E env TRADEWIRE_BINARY=$<TARGET_FILE:tradewire>
          ${HELP2MAN} --no-info --section=1 --manual=User\ Commands --source=tradewire\ ${PROJECT_VERSION}
          --version-string=${PROJECT_VERSION}
          --name=ingests\ trade-policy\ news\ into\ a\ deduplicated\ SQLite\ event\ store
          --include=${TRADEWIRE_PACKAGING_DIR}/tradewire.h2m --output=${TRADEWIRE_MAN_DIR}/tradewire.1
          ${TRADEWIRE_MAN_DIR}/tradewire
  COMMAND gzip -9nf ${TRADEWIRE_MAN_DIR}/tradewire.1
  DEPENDS tradewire ${TRADEWIRE_PACKAGING_DIR}/help-for-man ${TRADEWIRE_PACKAGING_DIR}/tradewire.h2m
  COMMENT "Generating tradewire(1) with help2man"
  VERBATIM)
add_custom_target(tradewire_man ALL DEPENDS ${TRADEWIRE_MAN_DIR}/tradewire.1.gz)
install(FILES ${TRADEWIRE_MAN_DIR}/tradewire.1.gz DESTINATION share/man/man1)

# The nightly job's units. ExecStart names the installed binary, whose prefix is known only at install time, so
# the service is written straight into the destination (two installs at once must not share a file).
install(CODE "
  set(TRADEWIRE_BINARY \"\${CMAKE_INSTALL_PREFIX}/bin/tradewire\")
  set(unit \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/tradewire-ingest.service\")
  message(STATUS \"Installing: \$ENV{DESTDIR}\${unit}\")
  configure_file(\"${TRADEWIRE_PACKAGING_DIR}/tradewire-ingest.service.in\" \"\$ENV{DESTDIR}\${unit}\" @ONLY)
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${unit}\")")
install(FILES ${TRADEWIRE_PACKAGING_DIR}/tradewire-ingest.timer DESTINATION lib/systemd/system)
