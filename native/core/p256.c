/* NIST P-256 (FIPS 186-4 D.1.2, SEC 2): the constants, instantiating ecp_tmpl.h.
 * Field constants are in Montgomery form (R = 2^256); generated from the curve parameters. */
#define EC_N 4
#define EC_BITS 256
#define EC_WV 5
#define EC_WF 6
#ifndef EC_PFX
#define EC_PFX(x) ts_p256_##x
#endif
#define EC_P256_REDUCE 1 /* shift-and-add Montgomery reduction for the special prime */
#define EC_P_INIT {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0x0000000000000000ULL, 0xffffffff00000001ULL}
#define EC_P0INV 0x0000000000000001ULL
#define EC_PR2_INIT {0x0000000000000003ULL, 0xfffffffbffffffffULL, 0xfffffffffffffffeULL, 0x00000004fffffffdULL}
#define EC_ONE_INIT {0x0000000000000001ULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL, 0x00000000fffffffeULL}
#define EC_B_INIT {0xd89cdf6229c4bddfULL, 0xacf005cd78843090ULL, 0xe5a220abf7212ed6ULL, 0xdc30061d04874834ULL}
#define EC_GX_INIT {0x79e730d418a9143cULL, 0x75ba95fc5fedb601ULL, 0x79fb732b77622510ULL, 0x18905f76a53755c6ULL}
#define EC_GY_INIT {0xddf25357ce95560aULL, 0x8b4ab8e4ba19e45cULL, 0xd2e88688dd21f325ULL, 0x8571ff1825885d85ULL}
#define EC_N_INIT {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL, 0xffffffffffffffffULL, 0xffffffff00000000ULL}
#define EC_N0INV 0xccd1c8aaee00bc4fULL
#define EC_NR2_INIT {0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL, 0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL}
#define EC_NONE_INIT {0x0c46353d039cdaafULL, 0x4319055258e8617bULL, 0x0000000000000000ULL, 0x00000000ffffffffULL}

#include "ecp_tmpl.h"
