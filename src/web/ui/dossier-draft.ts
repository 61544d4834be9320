import { useQuery } from '@tanstack/react-query';
import type { FeeChoice } from '../../domain/fees.ts';
import { ApiError, api, type DossierDraft, type SavedDraft } from '../api.ts';

/** A file sent for one of the procedure's documents. */
export type AttachedFile = { id: string; fileName: string };

/** Everything the applicant has filled in so far. */
export type Application = {
  formData: Record<string, unknown>;
  files: Record<string, AttachedFile[]>;
  feeChoice: FeeChoice;
};

export function documentsOf(files: Record<string, AttachedFile[]>) {
  return Object.entries(files).flatMap(([documentKey, list]) =>
    list.map((file) => ({ documentKey, fileId: file.id })),
  );
}

/** The application a draft holds. */
export function applicationOf(draft: DossierDraft): Application {
  const files: Record<string, AttachedFile[]> = {};
  for (const document of draft.documents)
    (files[document.documentKey] ??= []).push({
      id: document.fileId,
      fileName: document.fileName,
    });
  return { formData: draft.formData, files, feeChoice: draft.feeChoice ?? {} };
}

/** The citizen's saved draft for a service: null when there is none (or it expired). */
export function useSavedDraft(serviceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['draft', serviceId],
    queryFn: async () => {
      try {
        return await api.get<DossierDraft>(`/api/v1/drafts/${serviceId}`);
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 404) return null;
        throw error;
      }
    },
    enabled,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function saveDraft(
  serviceId: string,
  application: Application,
  step: number,
): Promise<SavedDraft> {
  const { formData, files, feeChoice } = application;
  return api.put<SavedDraft>(`/api/v1/drafts/${serviceId}`, {
    formData,
    ...(Object.keys(feeChoice).length > 0 ? { feeChoice } : {}),
    documents: documentsOf(files),
    step,
  });
}

export function discardDraft(serviceId: string): Promise<unknown> {
  return api.delete(`/api/v1/drafts/${serviceId}`);
}
