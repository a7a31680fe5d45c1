# Installation: what `cmake --install build [--prefix P]` puts under the prefix. The layout is fixed (bin/,
# share/): the binary finds its schemas as ../share/tradewire/schemas from its own folder, so the tree works
# wherever it is moved. Included by the top-level CMakeLists.txt; scripts/package makes the .deb from the same
# rules.
set(TRADEWIRE_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/scripts/packaging)
# Installing (and packaging, which installs) copies what the build made and never builds: scripts/build comes
# first, and the package test runs cpack on the build under test without rebuilding it.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

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

# The Debian package (scripts/package): CPack over the rules above with prefix /usr, plus what only a .deb has:
# the conffile /etc/tradewire/tradewire.toml, copyright and changelog, and the maintainer scripts (the tradewire
# user, the config's permissions, the units made known to systemd). Depends comes from dpkg-shlibdeps.
set(TRADEWIRE_PACKAGE_MAINTAINER "tradewire maintainers <tradewire@example.org>" CACHE STRING
    "Maintainer field of the Debian package")
set(TRADEWIRE_DEBIAN_DIR ${TRADEWIRE_PACKAGING_DIR}/debian)
install(FILES ${TRADEWIRE_PACKAGING_DIR}/tradewire.toml DESTINATION /etc/tradewire
        COMPONENT debian EXCLUDE_FROM_ALL)
string(TIMESTAMP TRADEWIRE_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)  # SOURCE_DATE_EPOCH when set
configure_file(${TRADEWIRE_DEBIAN_DIR}/changelog.in ${CMAKE_BINARY_DIR}/debian/changelog @ONLY)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/debian/changelog.gz
  COMMAND gzip -9nkf ${CMAKE_BINARY_DIR}/debian/changelog
  DEPENDS ${CMAKE_BINARY_DIR}/debian/changelog
  VERBATIM)
add_custom_target(tradewire_debian_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/debian/changelog.gz)
install(FILES ${TRADEWIRE_DEBIAN_DIR}/copyright ${CMAKE_BINARY_DIR}/debian/changelog.gz
        DESTINATION share/doc/tradewire COMPONENT debian EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tradewire)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${TRADEWIRE_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "trade-policy news into a deduplicated SQLite event store")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "tradewire pulls trade-policy news from RSS/Atom feeds, sitemaps, URL lists,\n"
       "WARC archives and folders of saved pages, extracts each article, tags dates,\n"
       "officials, percentages, trade-barrier categories, countries, organizations,\n"
       "money and products, and keeps articles, mentions and events in an SQLite\n"
       "store that deduplicates by URL, by text, by syndicated story and by\n"
       "real-world event. Trackers read its change feed incrementally. A systemd\n"
       "timer runs the ingest nightly as its own user.")
# Installed with prefix /usr into a staging folder through DESTDIR, so that the units' ExecStart is /usr/bin/….
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Everything cmake --install puts in the tree, and the debian component.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified debian)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS adduser)  # postinst; the libraries are added by dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_SUGGESTS sqlite3)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${TRADEWIRE_DEBIAN_DIR}/conffiles ${TRADEWIRE_DEBIAN_DIR}/postinst ${TRADEWIRE_DEBIAN_DIR}/prerm
    ${TRADEWIRE_DEBIAN_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
include(CPack)
