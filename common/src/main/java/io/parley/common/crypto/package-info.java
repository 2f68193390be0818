/**
 * AES-GCM sealing of small secrets at rest and the keys for it: the one implementation every service uses.
 */
@NullMarked
package io.parley.common.crypto;

import org.jspecify.annotations.NullMarked;
