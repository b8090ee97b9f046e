package netns

import (
	"bufio"
	"io"
	"strings"
)

// Container names the container a process runs in, as its cgroup path
// shows it.
type Container struct {
	// Runtime is "docker", "cri-o", "containerd", "podman", "kubernetes"
	// (a pod's container whose runtime the path does not say), "lxc" or
	// "machine" (systemd-nspawn and other systemd machines).
	Runtime string `json:"runtime"`
	// ID is the runtime's id: 64 hex digits for the first five, the
	// container or machine name for lxc and machine.
	ID string `json:"id"`
}

// Short is the id as "docker ps" shows it: the first 12 digits of a hex
// id, a name whole.
func (c Container) Short() string {
	if len(c.ID) == 64 && isHex(c.ID) {
		return c.ID[:12]
	}
	return c.ID
}

// scopePrefixes are the systemd scope units container runtimes make for a
// container, "<prefix><64 hex>.scope", and the runtime each means.
// The "-conmon-" scopes of cri-o and podman hold the monitor process, not
// the container, and are not matched.
var scopePrefixes = []struct{ prefix, runtime string }{
	{"docker-", "docker"},
	{"crio-", "cri-o"},
	{"cri-containerd-", "containerd"},
	{"libpod-", "podman"},
}

// parentRuntimes are the cgroupfs parent directories under which a
// runtime puts a directory named by the bare 64-hex container id.
var parentRuntimes = map[string]string{
	"docker":        "docker",
	"crio":          "cri-o",
	"containerd":    "containerd",
	"libpod_parent": "podman",
	"actions_job":   "docker",
}

// ParseContainer reads a /proc/PID/cgroup file (cgroup v1 or v2 lines,
// "ID:CONTROLLERS:PATH") and returns the container its paths show, or
// ok false. It recognises, in any line's path:
//
//   - docker-ID.scope, crio-ID.scope, cri-containerd-ID.scope and
//     libpod-ID.scope (systemd cgroup driver; ID is 64 hex digits);
//   - /docker/ID, /crio/ID, /containerd/ID, /libpod_parent/libpod-ID,
//     /actions_job/ID (cgroupfs driver);
//   - /kubepods/.../pod<UID>/ID, runtime "kubernetes";
//   - /lxc/NAME, /lxc.payload.NAME and /lxc.payload/NAME, runtime "lxc";
//   - machine-NAME.scope (systemd-nspawn, libvirt), runtime "machine",
//     NAME unescaped from systemd's \x2d.
//
// The deepest match of the first matching line wins.
func ParseContainer(r io.Reader) (Container, bool) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		// The path is after the second colon; it may itself hold colons.
		_, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		_, path, ok := strings.Cut(rest, ":")
		if !ok {
			continue
		}
		if c, ok := containerOfPath(path); ok {
			return c, true
		}
	}
	return Container{}, false
}

// containerOfPath finds the container in one cgroup path.
func containerOfPath(path string) (Container, bool) {
	parts := strings.Split(path, "/")
	var found Container
	ok := false
	kube := false
	for i, p := range parts {
		parent := ""
		if i > 0 {
			parent = parts[i-1]
		}
		if strings.HasPrefix(p, "kubepods") {
			kube = true
		}
		if c, hit := containerOfPart(p, parent, kube); hit {
			found, ok = c, true
		}
	}
	return found, ok
}

// containerOfPart matches one path component, given its parent.
func containerOfPart(p, parent string, kube bool) (Container, bool) {
	if id, hit := strings.CutSuffix(p, ".scope"); hit {
		for _, s := range scopePrefixes {
			if rest, hit := strings.CutPrefix(id, s.prefix); hit && isContainerID(rest) {
				return Container{Runtime: s.runtime, ID: rest}, true
			}
		}
		if name, hit := strings.CutPrefix(id, "machine-"); hit && isName(unescapeUnit(name)) {
			return Container{Runtime: "machine", ID: unescapeUnit(name)}, true
		}
	}
	if isContainerID(p) {
		if rt, hit := parentRuntimes[parent]; hit {
			return Container{Runtime: rt, ID: p}, true
		}
		if kube {
			return Container{Runtime: "kubernetes", ID: p}, true
		}
	}
	if parent == "libpod_parent" {
		if rest, hit := strings.CutPrefix(p, "libpod-"); hit && isContainerID(rest) {
			return Container{Runtime: "podman", ID: rest}, true
		}
	}
	if name, hit := strings.CutPrefix(p, "lxc.payload."); hit && isName(name) {
		return Container{Runtime: "lxc", ID: name}, true
	}
	if (parent == "lxc" || parent == "lxc.payload") && isName(p) {
		return Container{Runtime: "lxc", ID: p}, true
	}
	return Container{}, false
}

// isName reports whether s can be a container or machine name: not empty
// and free of control characters, which no runtime puts in a name but
// anyone who may make cgroups (a user's delegated subtree) can, and which
// would break the line the name is printed in.
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return s != ""
}

// isContainerID reports whether s is 64 lower-case hex digits.
func isContainerID(s string) bool {
	return len(s) == 64 && isHex(s)
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// unescapeUnit undoes systemd's unit name escaping (\xNN) of a machine
// name.
func unescapeUnit(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' && isHex(s[i+2:i+4]) {
			b.WriteByte(hexByte(s[i+2])<<4 | hexByte(s[i+3]))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func hexByte(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}
