package org.udre.engine.offerings;

import org.udre.catalog.SearchResult;

/** No available image meets an offering's requirement; the explanation says why each version does not. */
public class NoImageForOfferingException extends RuntimeException {

    private final transient SearchResult explanation;

    public NoImageForOfferingException(String offering, SearchResult explanation) {
        super("no available image meets the requirements of offering \"" + offering + "\""
                + (explanation.rejections().isEmpty() ? "; the catalogue has no image" : ""));
        this.explanation = explanation;
    }

    /** Every version of the catalogue with every reason it does not meet the requirements. */
    public SearchResult explanation() {
        return explanation;
    }
}
