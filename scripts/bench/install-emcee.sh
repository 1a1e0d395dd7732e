#!/bin/sh
# Installs emcee and numpy from Debian for scripts/bench/emcee_gaussian.py.
# Debian's packages install for the system interpreter /usr/bin/python3, which need not be the first
# python3 on PATH (pyenv, conda, venvs): run the benchmark with /usr/bin/python3 (`which -a python3`).
set -eu
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
$SUDO apt-get update
$SUDO apt-get install -y python3-emcee python3-numpy
/usr/bin/python3 -c 'import emcee, numpy; print("emcee", emcee.__version__, "numpy", numpy.__version__, "for /usr/bin/python3")'
