package org.tailor.connector.collector.internal;

import java.io.InputStream;

/**
 * The parts of an HTTP request the collector looks at, so that it can be driven without a servlet container.
 *
 * @param path the path below the collector's base, such as {@code /v1/track}
 * @param authorization the Authorization header, or null
 * @param contentEncoding the Content-Encoding header, or null
 * @param contentLength the Content-Length header, or -1
 * @param gpc the Sec-GPC header, or null
 * @param body the request body
 */
record CollectRequest(String path, String authorization, String contentEncoding, long contentLength, String gpc,
                      InputStream body) {
}
