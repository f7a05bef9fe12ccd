// Package folder holds what the kiosk's output folders share (the export
// folder and the backup folder): where a USB stick shows up, the checks that
// a folder is there and writable, and what a file system failure means.
package folder
