/* init.h - `planpress init DIR`: a content folder to start from. */
#ifndef PLANPRESS_INIT_H
#define PLANPRESS_INIT_H

int init_main(int argc, char **argv);

#endif
