<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

/**
 * One composed mail: the subject, the plain text and its HTML alternative.
 */
final class Message
{
    public function __construct(
        public readonly string $subject,
        public readonly string $text,
        public readonly string $html,
    ) {
    }

    /**
     * Builds both parts from paragraphs and labelled links, escaping every value for the HTML part.
     *
     * @param list<string> $paragraphs plain text
     * @param list<array{0: string, 1: string}> $links label => URL
     * @param string $footer plain text, below a rule
     */
    public static function compose(string $subject, array $paragraphs, array $links, string $footer): self
    {
        $text = implode("\n\n", $paragraphs);
        $html = implode('', array_map(static fn (string $p): string => '<p>' . nl2br(esc_html($p)) . '</p>', $paragraphs));
        foreach ($links as [$label, $url]) {
            $text .= "\n\n" . $label . ":\n" . $url;
            $html .= sprintf('<p><a href="%1$s">%2$s</a></p>', esc_url($url), esc_html($label));
        }
        $text .= "\n\n-- \n" . $footer . "\n";
        $html .= '<hr><p style="font-size:smaller">' . nl2br(esc_html($footer)) . '</p>';
        return new self($subject, $text, '<!DOCTYPE html><html><body>' . $html . '</body></html>');
    }
}
