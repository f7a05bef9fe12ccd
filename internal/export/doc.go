// Package export writes tables of the centre's figures as CSV (UTF-8 with a BOM, for Excel) or XLSX workbooks.
//
// Write chooses the format from the file name's extension, checks the whole
// table before it creates anything, and writes through a temporary file in
// the same folder that is synced and then renamed over the destination, so a
// reader (or a USB stick pulled out too early) never sees half an export and
// a symbolic link at the destination is replaced rather than followed.
package export
