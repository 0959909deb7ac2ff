<?php
// Synthetic key-format code: it writes and parses headers around a key it never holds.
function to_pem($iv, $body) {
    $pem = "-----BEGIN RSA PRIVATE KEY-----\r\n" .
           "Proc-Type: 4,ENCRYPTED\r\n" .
           "DEK-Info: DES-EDE3-CBC,$iv\r\n" .
           "\r\n" .
           chunk_split(base64_encode($body), 64) .
           '-----END RSA PRIVATE KEY-----';
    return $pem;
}
function putty_type($key) {
    $lines = preg_split('#\r\n|\r|\n#', $key);
    return trim(preg_replace('#PuTTY-User-Key-File-2: (.+)#', '$1', $lines[0]));
}
function putty_header($encryption) {
    $key = "PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: ";
    $key .= $encryption;
    return $key;
}
