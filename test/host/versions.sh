# Versions of the VS Code host used by the tests (read by install.sh and by the Node harness).
CODE_SERVER_VERSION=4.139.1   # = VS Code 1.139.1
HOST_NODE_VERSION=24.21.0     # code-server 4.139.1 requires Node 24
