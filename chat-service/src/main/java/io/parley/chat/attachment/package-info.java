/**
 * The files attached to a person's messages: attached and read through file-service, recorded as it
 * describes them, their images shaped for the model and the text of documents uploaded as text framed
 * for it within {@code fileTokenLimit}. May call file-service over gRPC only.
 */
@NullMarked
package io.parley.chat.attachment;

import org.jspecify.annotations.NullMarked;
