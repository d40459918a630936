"""``python -m claimledger.cli``: the same command line as ``claimledger``."""
from claimledger.cli import main

main()
