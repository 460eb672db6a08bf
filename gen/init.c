/* init.c - placeholder */
#include "init.h"
int init_main(int argc, char **argv) { (void)argc; (void)argv; return 2; }
