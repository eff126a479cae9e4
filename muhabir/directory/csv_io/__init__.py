"""CSV import and export of directory entries, for the coordination office's spreadsheets:
``columns`` (which columns each kind has), ``cells`` (reading the file, a cell's value
and back), ``importing`` and ``exporting``.
"""
