"""Training of the block classifier shipped in stripper/data (not installed with the package)."""

import os

# One BLAS thread per process, set before numpy loads. The networks' matrices are small, and
# two runs side by side on a 2-core machine, each with a BLAS thread per core spinning for
# work, took over 25 minutes where single-threaded they took 7 (train.crossval, session 4).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

