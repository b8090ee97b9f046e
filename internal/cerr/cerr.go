// Package cerr writes system errors the way C programs print them with
// perror(3) and strerror(3), so messages match net-tools' byte for byte.
package cerr

import (
	"errors"
	"io/fs"
	"syscall"
)

// Reason returns strerror's text for the errno inside err: glibc's wording,
// which is Go's with a capital first letter for the errors netstat meets.
// An error without an errno is returned as Go writes it.
func Reason(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	s := errno.Error()
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// Text returns what perror(path) prints for a failed file operation,
// "path: Reason", or just the reason when err names no path.
func Text(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + Reason(err)
	}
	return Reason(err)
}
