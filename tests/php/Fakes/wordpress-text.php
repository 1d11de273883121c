<?php

declare(strict_types=1);

// The two text functions of WordPress the worker's messages use, without WordPress: the message
// in English as written, and a name's letters as given (the fakes' names are ASCII).

if (!function_exists('__')) {
    function __(string $text, string $domain = 'default'): string
    {
        return $text;
    }
}

if (!function_exists('remove_accents')) {
    function remove_accents(string $text): string
    {
        return $text;
    }
}
