package routes

import (
	"errors"
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

// Strerror returns the glibc strerror text of the errno inside err, as
// perror prints it; for an error without an errno, its own text.
func Strerror(err error) string {
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
