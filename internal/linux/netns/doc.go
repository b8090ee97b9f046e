// Package netns finds, opens and enters Linux network namespaces.
//
// A namespace is named by an admin in one of three ways (see Open): a name
// bind-mounted under /run/netns by "ip netns add", a path to any nsfs file
// (/run/netns/NAME, /proc/PID/ns/net, a container runtime's bind mount),
// or the id of a process whose namespace is meant.
//
// Entering a namespace (Handle.Enter) is setns(2) on the calling thread
// only: the caller must have locked its goroutine to that thread
// (runtime.LockOSThread). For the rest of the program to read the new
// namespace through /proc/net (a link to /proc/self/net, which is the
// namespace of the thread-group leader), that thread must be the main
// thread; sockets (netlink, ioctl sockets) see it when they are opened on
// that thread.
//
// List finds every namespace on the host: each distinct nsfs inode behind
// /proc/*/ns/net and /run/netns/*, with the processes in it, their program
// names, the names it is mounted under, and a container found from the
// processes' cgroups (see ParseContainer for what is recognised).
package netns
