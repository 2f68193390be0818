/**
 * The files attached to a person's messages: attached and read through file-service, recorded as it
 * describes them, and their images shaped for the model. May call file-service over gRPC only.
 */
@NullMarked
package io.parley.chat.attachment;

import org.jspecify.annotations.NullMarked;
