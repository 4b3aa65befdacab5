# A Debian package: `cpack -G DEB` in the build folder writes modescope_<version>_<arch>.deb,
# which `apt install ./modescope_*.deb` installs with its dependencies (tools/quickstart.sh
# package builds, installs and checks it).
set(CPACK_PACKAGE_NAME modescope)
set(CPACK_PACKAGE_VENDOR "The ModeScope developers")
set(CPACK_PACKAGE_CONTACT "The ModeScope developers <modescope@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "watch GANs lose modes and multi-generator methods win them back")
set(CPACK_PACKAGE_DESCRIPTION
  "ModeScope trains a plain GAN, k independent generators, MAD-GAN and MAD-GAN-Sim on mixtures
of Gaussians and draws, while they train, one density per generator over the true density,
with live mode metrics and exports for papers. modescope-train runs the same engine without a
window, for batch work and benchmarks.")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages (Qt 6, LibTorch, QCustomPlot, OpenCV) come from
# dpkg-shlibdeps. OpenBLAS is not linked but chosen by LibTorch's BLAS at run time: without it
# Debian's LibTorch falls back to the reference BLAS and trains about 10 times slower.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread | libopenblas0")
include(CPack)
