"""``python -m mtqa``: the same command line as the ``mtqa`` script."""

from mtqa.entry import main

if __name__ == "__main__":
    main()
