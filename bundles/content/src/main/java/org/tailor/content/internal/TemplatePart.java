package org.tailor.content.internal;

/** The files of a template pack, in the order they are rendered. */
enum TemplatePart {
    SUBJECT("subject.vm", true),
    HTML("body.html.vm", true),
    TEXT("body.txt.vm", false);

    private final String fileName;
    private final boolean required;

    TemplatePart(String fileName, boolean required) {
        this.fileName = fileName;
        this.required = required;
    }

    String fileName() {
        return fileName;
    }

    boolean required() {
        return required;
    }
}
