// Package cerr writes system errors the way C programs print them with
// perror(3) and strerror(3), so messages match net-tools' byte for byte.
package cerr

import (
	"errors"
	"io/fs"
	"syscall"
)

// glibcErrors are glibc's strerror texts for the errors opening a /proc
// file can give. Go's own texts are lower case.
var glibcErrors = map[syscall.Errno]string{
	0:                    "Success",
	syscall.EPERM:        "Operation not permitted",
	syscall.ENOENT:       "No such file or directory",
	syscall.EIO:          "Input/output error",
	syscall.ENXIO:        "No such device or address",
	syscall.EACCES:       "Permission denied",
	syscall.EBUSY:        "Device or resource busy",
	syscall.ENODEV:       "No such device",
	syscall.ENOTDIR:      "Not a directory",
	syscall.EISDIR:       "Is a directory",
	syscall.EINVAL:       "Invalid argument",
	syscall.ENFILE:       "Too many open files in system",
	syscall.EMFILE:       "Too many open files",
	syscall.ELOOP:        "Too many levels of symbolic links",
	syscall.ENOMEM:       "Cannot allocate memory",
	syscall.EAGAIN:       "Resource temporarily unavailable",
	syscall.EINTR:        "Interrupted system call",
	syscall.ENAMETOOLONG: "File name too long",
}

// Reason returns glibc's strerror text for the errno inside err, as perror
// prints it; for an error without an errno, its own text ("Success" for
// nil, as errno 0 reads).
func Reason(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		if err == nil {
			return glibcErrors[0]
		}
		return err.Error()
	}
	if s, ok := glibcErrors[errno]; ok {
		return s
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
