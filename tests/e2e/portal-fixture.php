<?php

// Test fixture for the shortcode portal's browser tests (tests/e2e/portal-*.test.ts).
// Usage: php portal-fixture.php <core-dir> <operation> [json-argument]
//   page <json>      {title, content}: publishes a page, prints {id, url}
//   theme <json>     {name}: switch_theme(), prints the previous theme's stylesheet
//   widget <json>    {type: block|text|custom_html, content}: the only widget of sidebar-1;
//                    content null empties sidebar-1

require $argv[1] . '/wp-load.php';

$argument = json_decode($argv[3] ?? 'null', true, 16, JSON_THROW_ON_ERROR);
switch ($argv[2] ?? '') {
    case 'page':
        $id = wp_insert_post([
            'post_type' => 'page',
            'post_status' => 'publish',
            'post_title' => $argument['title'],
            'post_content' => $argument['content'],
        ], true);
        if (is_wp_error($id)) {
            fwrite(STDERR, $id->get_error_message() . "\n");
            exit(1);
        }
        echo json_encode(['id' => $id, 'url' => get_permalink($id)], JSON_THROW_ON_ERROR);
        break;
    case 'theme':
        $previous = get_stylesheet();
        switch_theme($argument['name']);
        echo json_encode($previous, JSON_THROW_ON_ERROR);
        break;
    case 'widget':
        $type = $argument['type'];
        $sidebars = get_option('sidebars_widgets', []);
        if ($argument['content'] === null) {
            $sidebars['sidebar-1'] = [];
        } else {
            $instance = $type === 'text'
                ? ['title' => '', 'text' => $argument['content'], 'filter' => true, 'visual' => true]
                : ['title' => '', 'content' => $argument['content']];
            update_option("widget_{$type}", [7 => $instance, '_multiwidget' => 1]);
            $sidebars['sidebar-1'] = ["{$type}-7"];
        }
        update_option('sidebars_widgets', $sidebars);
        echo 'null';
        break;
    default:
        fwrite(STDERR, "Unknown operation\n");
        exit(1);
}
