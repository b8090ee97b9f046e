module github.com/gonetstat/netstat

go 1.26

require golang.org/x/sys v0.49.0
